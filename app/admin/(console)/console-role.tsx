"use client";
// The signed-in admin's role for client components: hide what a 查看者 may not do (退款, 关闭订单…).
// The server refuses those calls anyway (lib/auth/roles.ts); this only keeps the buttons away.
import { createContext, useContext } from "react";

export const ConsoleRoleContext = createContext<{ isAdmin: boolean }>({ isAdmin: false });

export function useConsoleRole(): { isAdmin: boolean } {
  return useContext(ConsoleRoleContext);
}
