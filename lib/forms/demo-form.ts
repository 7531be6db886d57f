import type { FormDefinition } from "./definition";

/** The form a new database starts with, so a fresh clone has something to pay. */
export const DEMO_FORM = {
  slug: "demo",
  title: "2026 冬季读书会报名",
  description: "填写报名信息并缴纳报名费，支付成功后即完成报名。",
  definition: {
    fields: [
      { id: "name", type: "text", label: "姓名", required: true },
      { id: "phone", type: "phone", label: "手机号", required: true },
      {
        id: "session",
        type: "single_choice",
        label: "参加场次",
        required: true,
        options: [
          { value: "sat", label: "周六下午" },
          { value: "sun", label: "周日上午" },
        ],
      },
      { id: "note", type: "textarea", label: "备注", required: false },
      { id: "fee", type: "payment", label: "报名费", required: true, payment: { mode: "fixed", amountFen: 5000 } },
    ],
    methods: ["wechat", "alipay"],
  } satisfies FormDefinition,
};
