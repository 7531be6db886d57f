export const FORM_STATUS_LABEL = { draft: "草稿", published: "收集中", closed: "已关闭" } as const;
