// Types for scripts/dist-inputs.mjs, so TypeScript tests can import it.

/** Files and folders whose content decides dist/. */
export const DIST_INPUTS: string[]
/** sha256 over the inputs of dist/ under `root`. */
export function inputsHash(root: string): string
/** Why dist/ under `root` is stale, or undefined when dist/inputs.sha256 matches its inputs. */
export function staleReason(root: string): string | undefined
