// Browser entry of the pay page (bundled by scripts/build-payer-islands.mjs, not by Next).
import { hydrateRoot } from "react-dom/client";
import { PayIsland, type PayIslandProps } from "../pay/pay-island";
import { ISLAND_ROOT_ID, readIslandProps } from "./props";

hydrateRoot(document.getElementById(ISLAND_ROOT_ID)!, <PayIsland {...readIslandProps<PayIslandProps>()} />);
