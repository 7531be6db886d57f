// The emulated Alipay: the classic OpenAPI gateway, a cashier, async notifies, and test controls.
// Imported by lib/emulator/index.ts at start; Alipay notifies carry their signature in the body,
// so there is no header signer to register with the dispatcher.
export { handleAlipayGateway } from "./gateway";
export { cashierView, type CashierView } from "./cashier-view";
export {
  handleAlipayControlGet,
  handleAlipayControlPost,
  alipayControlBody,
  alipayFaultInput,
  alipayRefundFaultInput,
  alipayBillSettingsInput,
  type AlipayControlBody,
} from "./control";
export {
  openCashier,
  payAlipayTrade,
  cancelAlipayTrade,
  getAlipayTrade,
  handleCashierPay,
  handleCashierCancel,
  AlipayCashierError,
  type OpenedCashier,
  type PaidByTest,
} from "./payer";
export { setFault as setAlipayFault, getFault as getAlipayFault, type AlipayFault } from "./faults";
export { expireDueTrades as expireDueAlipayTrades, expireTrade as expireAlipayTrade, startAlipayEmulator } from "./lifecycle";
export {
  buildAlipayTestNotify,
  sendAlipayTestNotify,
  notifyRequest as alipayNotifyRequest,
  type AlipayNotifyCorruption,
  type AlipayTestNotifyOptions,
  type BuiltAlipayNotify,
} from "./test-notify";
export { NOTIFY_CONTENT_TYPE as ALIPAY_NOTIFY_CONTENT_TYPE } from "./notify";
export { cashierPath } from "./page-pay";
export type { AlipayTrade, TradeStatus as AlipayTradeStatus } from "./trades";
export { handleAlipayBillDownload } from "./bill-api";
export { setRefundFault as setAlipayRefundFault, getRefundFault as getAlipayRefundFault, type AlipayRefundFault } from "./refund-faults";
export { refundsOfTrade as alipayRefundsOfTrade, type AlipayRefund } from "./refunds";
export { setBillSettings as setAlipayBillSettings, setBillPlant as setAlipayBillPlant, type AlipayBillSettings, type AlipayBillPlant } from "./bill-settings";
