"use client";
// The message of one of our API errors, for a console notice; a body that is not ours gets a plain sentence.
export async function apiErrorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string; details?: Array<{ issue: string }> } };
    const details = body.error?.details?.map((d) => d.issue).filter(Boolean) ?? [];
    return [body.error?.message, ...details].filter(Boolean).join("：") || "操作失败，请稍后再试";
  } catch {
    return "操作失败，请稍后再试";
  }
}
