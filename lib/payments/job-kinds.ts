// The background jobs of the payment side (handlers in lib/payments/jobs.ts).
export const SWEEP_JOB = "payments.sweep";
export const CLOSE_ORDER_JOB = "payments.close_order";
export const PRUNE_JOB = "payments.prune";
export const REFUND_CHECK_JOB = "payments.refund_check";
