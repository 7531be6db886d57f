// The interactive part of /f/{slug}: rendered to HTML by pages/f/[slug].tsx, then hydrated in the
// browser by payer/islands/form.tsx with the same props.
import type { PublicFormView } from "@/lib/forms/public-form";
import type { ChannelsFor } from "@/lib/payments/channel";
import { FormClient } from "./form-client";

export interface FormIslandProps {
  form: PublicFormView;
  channels: ChannelsFor;
}

export function FormIsland({ form, channels }: FormIslandProps) {
  return <FormClient form={form} channels={channels} />;
}
