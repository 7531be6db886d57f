// Whether the built-in emulator of a platform runs (the PAYMENT_EMULATOR setting).
export { emulatorEnabled, hasCredentials, type EmulatedPlatform } from "@/lib/emulator-switch";
