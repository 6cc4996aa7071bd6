// Types for scripts/licenses.mjs, so TypeScript tests can import it.

/** A package under node_modules/ whose code a build holds. */
export interface BundledPackage {
  name: string
  /** Its directory (node_modules/<name>). */
  dir: string
}
/** Every module path a webpack stats object names, the modules nested in concatenated ones included. */
export function modulePaths(stats: unknown): Set<string>
/** The packages the modules of a build come from, one per name, sorted by name. */
export function bundledPackages(stats: unknown): BundledPackage[]
/** The license id of a package.json, if it has one. */
export function licenseId(pkg: unknown): string | undefined
/** The text of a package's license file, if it has one. */
export function licenseText(dir: string, id: string | undefined): string | undefined
/** licenses.txt in ncc's format; throws when a package has neither a license id nor a license file. */
export function renderLicenses(packages: BundledPackage[]): string
/** The names among `names` that have no entry in a licenses.txt text. */
export function missingEntries(text: string, names: string[]): string[]
