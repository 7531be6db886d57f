// Starting the emulator: resume notifies that were waiting when the server last stopped, settle
// WeChat refunds and close Alipay trades that came due meanwhile. Importing the platforms
// registers their notify signers with the dispatcher.
import { resumeWechatRefunds } from "./wechat";
import { startAlipayEmulator } from "./alipay";
import { scheduleNext } from "./dispatcher";

export function startEmulator(): void {
  scheduleNext();
  resumeWechatRefunds();
  startAlipayEmulator();
}
