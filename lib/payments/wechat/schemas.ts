// The platform's wire shapes we rely on, validated before anything is read from them.
import { z } from "zod";

const PAID_STATES = new Set(["SUCCESS", "REFUND"]);

export const wechatTransaction = z
  .object({
    appid: z.string().min(1),
    mchid: z.string().min(1),
    out_trade_no: z.string().min(1),
    transaction_id: z.string().min(1).optional(),
    trade_type: z.string().optional(),
    payer: z.object({ openid: z.string().optional() }).optional(),
    trade_state: z.enum(["SUCCESS", "REFUND", "NOTPAY", "CLOSED", "REVOKED", "USERPAYING", "PAYERROR"]),
    trade_state_desc: z.string().optional(),
    success_time: z.string().optional(),
    amount: z
      .object({
        total: z.number().int().nonnegative(),
        payer_total: z.number().int().optional(),
        // Direct merchants settle in CNY; any other currency would make `total` not fen.
        currency: z.literal("CNY").optional(),
        payer_currency: z.string().optional(),
      })
      .optional(),
  })
  .superRefine((tx, ctx) => {
    if (!PAID_STATES.has(tx.trade_state)) return;
    for (const field of ["transaction_id", "success_time", "amount"] as const) {
      if (tx[field] === undefined) {
        ctx.addIssue({ code: "custom", path: [field], message: `required when trade_state is ${tx.trade_state}` });
      }
    }
  });
export type WechatTransaction = z.infer<typeof wechatTransaction>;

const encryptedResource = z.object({
  algorithm: z.literal("AEAD_AES_256_GCM"),
  ciphertext: z.string().min(1),
  nonce: z.string().min(1),
  // Documented as "may be empty".
  associated_data: z.string().optional(),
});

export const notifyEnvelope = z.object({
  id: z.string().min(1),
  create_time: z.string().optional(),
  event_type: z.string().min(1),
  resource_type: z.string().optional(),
  summary: z.string().optional(),
  resource: encryptedResource.extend({ original_type: z.string().optional() }),
});

export const nativePrepayResponse = z.object({ code_url: z.string().min(1) });
export const jsapiPrepayResponse = z.object({ prepay_id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
export const h5PrepayResponse = z.object({ h5_url: z.string().url() });

export const errorBody = z.object({ code: z.string().min(1), message: z.string().optional() });

export const certificatesResponse = z.object({
  data: z.array(
    z.object({
      serial_no: z.string().min(1),
      effective_time: z.string().optional(),
      expire_time: z.string().optional(),
      encrypt_certificate: encryptedResource,
    }),
  ),
});

/** "amount.total: expected number" — the first few zod issues, for error messages. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`)
    .join("; ");
}
