// "server-only" throws outside a React server bundle; under vitest the modules are plain Node.
import { vi } from "vitest";
vi.mock("server-only", () => ({}));
