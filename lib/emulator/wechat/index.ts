// The emulated WeChat Pay API v3: the signed /v3/ API, the payer's wallet, TRANSACTION.SUCCESS
// notifies and test controls. Imported by lib/emulator/index.ts at start: loading ./notify
// registers the WeChat header signer with the dispatcher.
import "./notify";

export { handleWechatPlatformRequest } from "./platform";
export { platformPathFromUrl, WECHAT_SANDBOX_PREFIX } from "./platform-path";
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
  recentPayable,
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
  type PayableItem,
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
