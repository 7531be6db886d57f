// Server-side frame of a payer island: the island's HTML, its props as JSON, and its one script.
// The pages that use it turn Next's client runtime off, so this script is all the JS they load.
import type { ReactNode } from "react";
import { ISLAND_PROPS_ID, ISLAND_ROOT_ID, islandPropsJson } from "./islands/props";

export interface IslandScript {
  src: string;
  /** The response's CSP nonce (proxy.ts), null where no proxy ran. */
  nonce: string | null;
}

export function IslandShell({ script, props, children }: { script: IslandScript; props: unknown; children: ReactNode }) {
  return (
    <>
      <div id={ISLAND_ROOT_ID}>{children}</div>
      <script id={ISLAND_PROPS_ID} type="application/json" dangerouslySetInnerHTML={{ __html: islandPropsJson(props) }} />
      <script src={script.src} nonce={script.nonce ?? undefined} defer />
    </>
  );
}
