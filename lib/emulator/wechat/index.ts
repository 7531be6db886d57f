// The emulated WeChat Pay API v3: the signed /v3/ API, the payer's wallet, TRANSACTION.SUCCESS
// notifies and test controls. Imported by lib/emulator/index.ts at start: loading ./notify
// registers the WeChat header signer with the dispatcher.
import "./notify";

export { handleWechatPlatformRequest } from "./platform";
export { platformPathFromUrl, requestTargetFromUrl, WECHAT_SANDBOX_PREFIX } from "./platform-path";
export {
  handleWechatControlGet,
  handleWechatControlPost,
  setWechatFault,
  getWechatTrade,
  payWechatTrade,
  expireWechatTrade,
  wechatNotifies,
  redeliverWechatNotifies,
  wechatControlBody,
  wechatFaultInput,
  type WechatControlBody,
  type WechatFaultInput,
} from "./control";
export {
  walletView,
  payByCodeUrl,
  declineByCodeUrl,
  findTradeByCodeUrl,
  tokenFromCodeUrl,
  walletUrl,
  handleWalletPay,
  handleWalletDecline,
  WALLET_PATH,
  type WalletView,
  type WalletStatus,
} from "./wallet";
export { TradeActionError as WechatTradeActionError, type PayResult as WechatPayResult } from "./lifecycle";
export { getFault as getWechatFault, type WechatFault } from "./faults";
export {
  buildWechatTestNotify,
  sendWechatTestNotify,
  wechatNotifyRequest,
  type WechatNotifyCorruption,
  type WechatTestNotifyOptions,
  type BuiltWechatNotify,
} from "./test-notify";
export { decryptResource as decryptWechatResource } from "./aead";
export { defaultSignMode as wechatSignMode, type SignMode as WechatSignMode } from "./sign";
export { toTransaction as wechatTransaction, type Transaction as WechatTransaction } from "./transaction";
export type { WechatTrade, TradeState as WechatTradeState } from "./trades";
// Paying on a phone: web authorization, JSAPI's JS bridge, the H5 cashier, the desktop guide.
export { handleAuthorize, handleAccessToken, issueCode as issueWechatOAuthCode, AUTHORIZE_PATH as WECHAT_AUTHORIZE_PATH, TOKEN_PATH as WECHAT_TOKEN_PATH } from "./oauth";
export { openIdFor as wechatOpenIdFor, setSnapshotMode as setWechatSnapshotMode, EMULATED_USER_COOKIE as WECHAT_EMULATED_USER_COOKIE } from "./oauth-users";
export { handleOauthControl } from "./oauth-control";
export { handleJsBridgeScript, handleJsBridgeCall } from "./jsbridge";
export { handleH5Cashier, handleH5CashierAction } from "./h5-cashier";
export { handlePhoneGuide } from "./phone-guide";
export { checkBridgeParams, payByBridge, payByH5Link, h5CashierView, type BridgeParams } from "./phone-pay";
export { channelOf as wechatTradeChannel, type TradeChannel as WechatTradeChannel } from "./trade-channels";
// Refunds and bills: the /v3/ endpoints live in ./platform; these are their test controls.
export {
  handleWechatRefundControlGet,
  handleWechatRefundControlPost,
  setWechatRefundFault,
  settleWechatRefund,
  redeliverWechatRefundNotifies,
  wechatRefundsOfTrade,
  wechatRefundControlBody,
  wechatRefundFaultInput,
  RefundControlError as WechatRefundControlError,
  type WechatRefundControlBody,
  type WechatRefundFaultInput,
} from "./refund-control";
export { refundNotifies as wechatRefundNotifies } from "./refund-notify";
export { resumeWechatRefunds, settleDueRefunds as settleDueWechatRefunds } from "./refund-lifecycle";
export { toRefundObject as wechatRefundObject, type RefundObject as WechatRefundObject } from "./refund-object";
export type { WechatRefund, RefundStatus as WechatRefundStatus } from "./refunds";
export {
  handleWechatBillControlGet,
  handleWechatBillControlPost,
  applyWechatBillControl,
  previewWechatBill,
  wechatBillControlBody,
  type WechatBillControlBody,
} from "./bill-control";
export { walletRefunds, type WalletRefundItem } from "./wallet-refunds";
