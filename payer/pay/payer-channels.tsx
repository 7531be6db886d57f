"use client";

// What each method does where this payer is (channel.ts, decided on the server), for the pay
// page's components without threading it through every one of them.
import { createContext, useContext, type ReactNode } from "react";
import type { ChannelsFor } from "@/lib/payments/channel";

interface PayerChannels {
  channels: ChannelsFor | null;
  /** The payer has just come back from WeChat's H5 cashier (?from=h5). */
  backFromH5: boolean;
}

const Context = createContext<PayerChannels>({ channels: null, backFromH5: false });

export function PayerChannelsProvider({ channels, backFromH5, children }: PayerChannels & { children: ReactNode }) {
  return <Context.Provider value={{ channels, backFromH5 }}>{children}</Context.Provider>;
}

export const usePayerChannels = () => useContext(Context);
