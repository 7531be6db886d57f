// "This tab went to the Alipay cashier for this order": kept in sessionStorage, so that when the
// payer comes back without paying (取消付款 / 退出 at the cashier, or Back) the pay page can say
// the order is still waiting instead of showing the same button as if nothing had happened.
// Alipay says nothing on the way back (quit_url and the Referer carry no result). Browser only.
const KEY = (orderNo: string) => `pay-forms:cashier:${orderNo}`;

export function noteLeftForCashier(orderNo: string): void {
  try {
    window.sessionStorage.setItem(KEY(orderNo), String(Date.now()));
  } catch {
    // storage refused (private mode): the page just shows no hint
  }
}

export function wentToCashier(orderNo: string): boolean {
  try {
    return window.sessionStorage.getItem(KEY(orderNo)) !== null;
  } catch {
    return false;
  }
}
