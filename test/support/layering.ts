import * as path from 'node:path';
import { at, isRelative, moduleUses, parse, Violation } from './source-scanner';

/**
 * Who may import whom, checked on the source (docs/ARCHITECTURE.md "Layers"):
 *
 *   libs/domain       nothing but itself
 *   libs/event-store  domain
 *   libs/projections  domain; of the event store the port
 *                     (`event-store.port.ts`), anything else types only
 *   libs/application  domain, event-store
 *   libs/audit        every lib, never apps/
 *   apps/             everything
 *
 * and, inside `apps/api/src`, that a feature module (`features/<name>/`)
 * reaches no other feature's files: features share `ledger-core/` and
 * `platform/`; a feature that needs another's provider lists the other's Nest
 * module in its `imports` (module file to module file, the one file allowed).
 * `ledger-core/` imports no feature, `platform/` neither a feature nor
 * `ledger-core/`, and nothing below imports the composition root
 * (`app.module.ts`, `bootstrap.ts`, `main.ts`).
 *
 * A module is placed by its `@ledger/<lib>` alias or, for a relative path, by
 * where it resolves in the repository; npm packages and Node built-ins are no
 * layer (the domain and Nest-free checks look at those).
 */

export const LIB_LAYERS = ['domain', 'event-store', 'projections', 'application', 'audit'] as const;
export type LibLayer = (typeof LIB_LAYERS)[number];
/** `outside`: a file of the repository in no layer (`test/`, `bench/`, `scripts/`, …). */
export type Layer = LibLayer | 'apps' | 'outside';

const isLibLayer = (name: string): name is LibLayer =>
  (LIB_LAYERS as readonly string[]).includes(name);

/** What each lib may import besides itself. */
export const LIB_MAY_IMPORT: Record<LibLayer, readonly LibLayer[]> = {
  domain: [],
  'event-store': ['domain'],
  projections: ['domain', 'event-store'],
  application: ['domain', 'event-store'],
  audit: ['domain', 'event-store', 'projections', 'application'],
};

/** The one event-store module projections may import values from. */
export const EVENT_STORE_PORT = 'libs/event-store/src/event-store.port';

const toPosix = (p: string): string => p.split(path.sep).join('/');

/** The layer of a repository-relative path. */
export function layerOfPath(rel: string): Layer {
  const [top, name] = toPosix(rel).split('/');
  if (top === 'libs' && name !== undefined && isLibLayer(name)) return name;
  if (top === 'apps') return 'apps';
  return 'outside';
}

export interface ImportTarget {
  layer: Layer;
  /** Repository-relative, without extension. */
  rel: string;
}

/** Where a module specifier points in the repository; undefined for packages and built-ins. */
export function targetOf(
  specifier: string,
  fromFile: string,
  repoRoot: string,
): ImportTarget | undefined {
  const alias = /^@ledger\/([^/]+)(?:\/(.*))?$/.exec(specifier);
  if (alias) {
    const [, lib, rest] = alias;
    if (!isLibLayer(lib)) return { layer: 'outside', rel: specifier };
    return { layer: lib, rel: `libs/${lib}/src${rest ? `/${rest}` : ''}` };
  }
  if (!isRelative(specifier)) return undefined;
  const rel = toPosix(path.relative(repoRoot, path.resolve(path.dirname(fromFile), specifier)));
  return { layer: layerOfPath(rel), rel: rel.replace(/\.(ts|js)$/, '') };
}

/** Why a file of lib `from` may not import `target`; undefined when it may. */
export function libImportProblem(
  from: LibLayer,
  target: ImportTarget,
  typeOnly: boolean,
): string | undefined {
  if (target.layer === from) return undefined;
  const allowed = LIB_MAY_IMPORT[from];
  const rule = `libs/${from} may import ${allowed.length ? allowed.join(', ') : 'nothing but itself'}`;
  if (target.layer === 'apps') return `reaches into apps/ (${rule})`;
  if (target.layer === 'outside') return `reaches outside the layers (${rule})`;
  if (!allowed.includes(target.layer)) return `${from} → ${target.layer} (${rule})`;
  if (
    from === 'projections' &&
    target.layer === 'event-store' &&
    !typeOnly &&
    target.rel !== EVENT_STORE_PORT
  ) {
    return 'projections → an event-store adapter (values only from event-store.port; anything else as `import type`)';
  }
  return undefined;
}

/** Every import in one file of lib `from` that runs against the layering. */
export function scanLibLayerSource(
  from: LibLayer,
  fileName: string,
  text: string,
  repoRoot: string,
): Violation[] {
  const sf = parse(fileName, text);
  const { uses, computed } = moduleUses(sf);
  const out = [...computed];
  for (const use of uses) {
    const target = targetOf(use.specifier, fileName, repoRoot);
    const problem = target && libImportProblem(from, target, use.typeOnly);
    if (problem) out.push(at(sf, use.node, `${use.kind} '${use.specifier}': ${problem}`));
  }
  return out;
}

// --- feature modules inside apps/api/src ---------------------------------------

export type ApiArea =
  | { kind: 'feature'; name: string }
  | { kind: 'ledger-core' }
  | { kind: 'platform' }
  | { kind: 'root' };

/** The area of a path relative to `apps/api/src`; undefined outside it. */
export function apiAreaOf(relToApi: string): ApiArea | undefined {
  const parts = toPosix(relToApi).split('/');
  if (parts[0] === '..' || path.isAbsolute(relToApi)) return undefined;
  if (parts[0] === 'features' && parts.length > 2) return { kind: 'feature', name: parts[1] };
  if (parts[0] === 'ledger-core') return { kind: 'ledger-core' };
  if (parts[0] === 'platform') return { kind: 'platform' };
  return { kind: 'root' };
}

const areaName = (a: ApiArea): string =>
  a.kind === 'feature' ? `features/${a.name}` : a.kind === 'root' ? 'the composition root' : a.kind;

const isModuleFile = (rel: string): boolean => /\.module(\.ts)?$/.test(rel);

/**
 * Why a file at `fromRel` may not import the file at `toRel` (both relative to
 * `apps/api/src`); undefined when it may. A feature's `*.module.ts` may import
 * another feature's module file, to list it in its Nest `imports`: that is how
 * it reaches the providers the other exports.
 */
export function apiImportProblem(fromRel: string, toRel: string): string | undefined {
  const from = apiAreaOf(fromRel);
  const to = apiAreaOf(toRel);
  if (!from || !to) return undefined;
  if (to.kind === 'root' && from.kind !== 'root')
    return `${areaName(from)} → the composition root (app.module, bootstrap, main are above every module)`;
  switch (from.kind) {
    case 'feature':
      if (to.kind === 'feature' && to.name !== from.name) {
        if (isModuleFile(fromRel) && isModuleFile(toRel)) return undefined;
        return `${areaName(from)} reaches into ${areaName(to)} (share through ledger-core/, or import its Nest module and use what it exports)`;
      }
      return undefined;
    case 'ledger-core':
      if (to.kind === 'feature')
        return `ledger-core → ${areaName(to)} (the shared module is below every feature)`;
      return undefined;
    case 'platform':
      if (to.kind === 'feature' || to.kind === 'ledger-core')
        return `platform → ${areaName(to)} (platform is below the ledger)`;
      return undefined;
    case 'root':
      return undefined;
  }
}

/** Every import in one file of `apps/api/src` that crosses a module boundary it may not. */
export function scanApiModuleSource(fileName: string, text: string, apiRoot: string): Violation[] {
  const fromRel = path.relative(apiRoot, fileName);
  if (!apiAreaOf(fromRel)) return [];
  const sf = parse(fileName, text);
  const { uses, computed } = moduleUses(sf);
  const out = [...computed];
  for (const use of uses) {
    if (!isRelative(use.specifier)) continue;
    const toRel = path.relative(apiRoot, path.resolve(path.dirname(fileName), use.specifier));
    const problem = apiImportProblem(fromRel, toRel);
    if (problem) out.push(at(sf, use.node, `${use.kind} '${use.specifier}': ${problem}`));
  }
  return out;
}
