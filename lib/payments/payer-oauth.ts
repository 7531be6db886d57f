// Web authorization from the payer pages' side: which official account a receiving account
// authorizes with, and whether a page must first send a WeChat payer through the chain (a server
// redirect, no client script) because JSAPI is the channel there and no openid is bound yet.
import { getDb } from "@/db/client";
import { getFormById } from "@/db/queries/forms";
import { getOrderByNo } from "@/db/queries/orders";
import { AppError } from "@/lib/errors";
import { parseDefinition } from "@/lib/forms/definition";
import type { ChannelsFor } from "./channel";
import { payerChannels } from "./payer-channel";
import { accountFor } from "./providers";
import type { WechatAccount } from "./types";
import { envOAuthApp, oauthStartPath, openIdFromCookies, type OAuthApp } from "./wechat-oauth";
import { oauthAppOf } from "./wechat-oauth/oauth-app";

export const ACCOUNT_REF = /^(env|\d{1,10})$/;

async function wechatAccount(accountRef: string): Promise<WechatAccount | null> {
  try {
    const account = await accountFor("wechat", accountRef);
    return account?.provider === "wechat" ? account : null;
  } catch (error) {
    // An account whose secrets cannot be opened offers no JSAPI; the order create says why.
    if (error instanceof AppError) return null;
    throw error;
  }
}

/** The app a receiving account authorizes with; null when it has none (no AppSecret: no JSAPI). */
export async function oauthAppFor(accountRef: string): Promise<OAuthApp | null> {
  if (!ACCOUNT_REF.test(accountRef)) return null;
  if (accountRef === "env") {
    const app = envOAuthApp();
    return app && { ...app, accountRef: "env" };
  }
  const account = await wechatAccount(accountRef);
  return account ? oauthAppOf(account) : null;
}

export interface PageVisit {
  userAgent: string | null;
  cookieHeader: string | null;
  /** The page's own path and query, to come back to. */
  path: string;
  /** The form's WeChat receiving account. */
  accountRef: string;
}

export interface PayerPage {
  /** The OAuth start to redirect to first, or null when the page can render as it is. */
  redirectTo: string | null;
  /** What each method does for this payer here (shown by the form and pay pages). */
  channels: ChannelsFor;
}

export async function payerPage(visit: PageVisit): Promise<PayerPage> {
  const account = await wechatAccount(visit.accountRef);
  const channels = payerChannels(visit.userAgent, account);
  const wechat = channels.wechat;
  if (!account || !wechat.available || wechat.channel !== "jsapi") return { redirectTo: null, channels };
  const probe = new Request("http://page.invalid/", { headers: visit.cookieHeader ? { cookie: visit.cookieHeader } : {} });
  if (openIdFromCookies(probe, account.appId)) return { redirectTo: null, channels };
  return { redirectTo: oauthStartPath(visit.path, visit.accountRef), channels };
}

/** The pay page's visit: the form's WeChat account decides, when the form takes WeChat Pay at all. */
export async function payerPageForOrder(orderNo: string, visit: Omit<PageVisit, "accountRef">): Promise<PayerPage | null> {
  const db = getDb();
  const order = await getOrderByNo(db, orderNo);
  const form = order ? await getFormById(db, order.formId) : undefined;
  if (!order || !form) return null;
  const takesWechat = parseDefinition(form.definitionJson).methods.includes("wechat");
  const accountRef = order.provider === "wechat" ? order.accountRef : form.wechatAccountId === null ? "env" : String(form.wechatAccountId);
  const page = await payerPage({ ...visit, accountRef });
  // A paid or closed order needs no openid unless the payer may pay again with WeChat Pay.
  return takesWechat ? page : { ...page, redirectTo: null };
}
