// Browser entry of the form page (bundled by scripts/build-payer-islands.mjs, not by Next).
import { hydrateRoot } from "react-dom/client";
import { FormIsland, type FormIslandProps } from "../form/form-island";
import { ISLAND_ROOT_ID, readIslandProps } from "./props";

hydrateRoot(document.getElementById(ISLAND_ROOT_ID)!, <FormIsland {...readIslandProps<FormIslandProps>()} />);
