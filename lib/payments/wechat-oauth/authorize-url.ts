// The authorize link. WeChat matches it strictly: parameters in exactly this order, the
// redirect_uri urlencoded, and the #wechat_redirect fragment.
export function authorizeUrl(base: string, input: { appId: string; redirectUri: string; state: string }): string {
  const query = [
    `appid=${encodeURIComponent(input.appId)}`,
    `redirect_uri=${encodeURIComponent(input.redirectUri)}`,
    "response_type=code",
    "scope=snsapi_base",
    `state=${encodeURIComponent(input.state)}`,
  ].join("&");
  return `${base}?${query}#wechat_redirect`;
}
