// Starting the emulator: resume notifies that were waiting when the server last stopped, and
// close Alipay trades that expired meanwhile. Importing the platforms registers their notify
// signers with the dispatcher.
import "./wechat";
import { startAlipayEmulator } from "./alipay";
import { scheduleNext } from "./dispatcher";

export function startEmulator(): void {
  scheduleNext();
  startAlipayEmulator();
}
