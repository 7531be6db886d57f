// Starting the emulator: resume notifies that were waiting when the server last stopped.
// Importing the platforms registers their notify signers with the dispatcher.
import "./wechat";
import "./alipay";
import { scheduleNext } from "./dispatcher";

export function startEmulator(): void {
  scheduleNext();
}
