import { builtinModules } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * A static scanner over TypeScript sources for the architecture tests: which
 * modules a file imports (static, type-only, re-exports, `import x =
 * require()`, `require()`, dynamic `import()`, `import('x')` types, triple-slash
 * type references) and which ambient globals it reaches for (the clock,
 * randomness, the process, timers). It parses with `ts.createSourceFile` only:
 * no program, no type checker, no file resolution, so it runs on one file or
 * on a string.
 */

export interface Violation {
  /** Path as given to the scanner (relative to the repository in reports). */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  what: string;
}

export const formatViolation = (v: Violation): string =>
  `${v.file}:${v.line}:${v.column} ${v.what}`;

export interface ModuleUse {
  specifier: string;
  /** How it is imported: `import`, `import type`, `export from`, `require()`, `import()`, … */
  kind: string;
  /** Erased at compile time (`import type`, `import { type A }` only, `export type`, `import('x').T`). */
  typeOnly: boolean;
  node: ts.Node;
}

export function parse(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

export function at(sf: ts.SourceFile, node: ts.Node, what: string): Violation {
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return { file: sf.fileName, line: line + 1, column: character + 1, what };
}

// --- scopes: is an identifier the global, or a local of the same name? -------

function bindingNames(name: ts.BindingName, out: Set<string>): void {
  if (ts.isIdentifier(name)) out.add(name.text);
  else
    for (const element of name.elements)
      if (!ts.isOmittedExpression(element)) bindingNames(element.name, out);
}

function declaredIn(statements: readonly ts.Statement[], out: Set<string>): void {
  for (const st of statements) {
    if (ts.isVariableStatement(st))
      for (const d of st.declarationList.declarations) bindingNames(d.name, out);
    else if (
      (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) &&
      st.name
    ) {
      out.add(st.name.text);
    } else if (ts.isImportDeclaration(st) && st.importClause) {
      const clause = st.importClause;
      if (clause.name) out.add(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) out.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings))
        for (const el of bindings.elements) out.add(el.name.text);
    } else if (ts.isImportEqualsDeclaration(st)) out.add(st.name.text);
  }
}

/** The names a node binds for the code inside it (a block's declarations, a function's parameters, …). */
function namesBoundBy(node: ts.Node): Set<string> {
  const out = new Set<string>();
  if (ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node))
    declaredIn(node.statements, out);
  else if (ts.isCaseClause(node) || ts.isDefaultClause(node)) declaredIn(node.statements, out);
  else if (ts.isFunctionLike(node)) {
    for (const p of node.parameters) bindingNames(p.name, out);
    if ((ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node)) && node.name)
      out.add(node.name.text);
  } else if (ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node)) {
    const init = node.initializer;
    if (init && ts.isVariableDeclarationList(init))
      for (const d of init.declarations) bindingNames(d.name, out);
  } else if (ts.isCatchClause(node) && node.variableDeclaration)
    bindingNames(node.variableDeclaration.name, out);
  else if (ts.isClassExpression(node) && node.name) out.add(node.name.text);
  return out;
}

function isShadowed(id: ts.Identifier): boolean {
  for (let node: ts.Node | undefined = id.parent; node; node = node.parent) {
    if (namesBoundBy(node).has(id.text)) return true;
  }
  return false;
}

/** True when the identifier is read as a value (not a property name, a declared name or a type). */
function isValueReference(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return false;
  if (ts.isQualifiedName(parent)) return false;
  if (
    (ts.isPropertyAssignment(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isPropertySignature(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isMethodSignature(parent) ||
      ts.isGetAccessor(parent) ||
      ts.isSetAccessor(parent) ||
      ts.isEnumMember(parent)) &&
    parent.name === id
  ) {
    return false;
  }
  if (ts.isBindingElement(parent) && parent.propertyName === id) return false;
  if (
    (ts.isVariableDeclaration(parent) ||
      ts.isParameter(parent) ||
      ts.isBindingElement(parent) ||
      ts.isFunctionDeclaration(parent) ||
      ts.isFunctionExpression(parent) ||
      ts.isClassDeclaration(parent) ||
      ts.isClassExpression(parent) ||
      ts.isInterfaceDeclaration(parent) ||
      ts.isTypeAliasDeclaration(parent) ||
      ts.isEnumDeclaration(parent) ||
      ts.isTypeParameterDeclaration(parent) ||
      ts.isImportClause(parent) ||
      ts.isImportSpecifier(parent) ||
      ts.isNamespaceImport(parent) ||
      ts.isImportEqualsDeclaration(parent) ||
      ts.isExportSpecifier(parent) ||
      ts.isLabeledStatement(parent) ||
      ts.isBreakOrContinueStatement(parent)) &&
    (parent as { name?: ts.Node }).name === id
  ) {
    return false;
  }
  if (ts.isBreakOrContinueStatement(parent) || ts.isLabeledStatement(parent)) return false;
  for (let node: ts.Node = parent; !ts.isSourceFile(node); node = node.parent) {
    if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) return false;
    if (ts.isStatement(node) || ts.isClassElement(node)) break;
  }
  return true;
}

const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self']);

/**
 * The global a node stands for: `Date` (an unshadowed identifier read as a
 * value) or `globalThis.Date`; undefined otherwise.
 */
function globalNamed(node: ts.Node): string | undefined {
  if (ts.isIdentifier(node)) {
    return isValueReference(node) && !isShadowed(node) && !GLOBAL_OBJECTS.has(node.text)
      ? node.text
      : undefined;
  }
  if (
    ts.isPropertyAccessExpression(node) &&
    ts.isIdentifier(node.expression) &&
    GLOBAL_OBJECTS.has(node.expression.text) &&
    !isShadowed(node.expression)
  ) {
    return node.name.text;
  }
  return undefined;
}

/** `x.name` or `x['name']` where `node` is x: the member's name. */
function memberOf(node: ts.Node): string | undefined {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === node) return parent.name.text;
  if (ts.isElementAccessExpression(parent) && parent.expression === node) {
    const arg = parent.argumentExpression;
    return ts.isStringLiteralLike(arg) ? arg.text : '[computed]';
  }
  return undefined;
}

// --- module uses ----------------------------------------------------------------

/** Every module the file names, and every import whose module is computed (as a violation). */
export function moduleUses(sf: ts.SourceFile): { uses: ModuleUse[]; computed: Violation[] } {
  const uses: ModuleUse[] = [];
  const computed: Violation[] = [];
  for (const ref of sf.typeReferenceDirectives) {
    uses.push({
      specifier: ref.fileName,
      kind: '/// <reference types>',
      typeOnly: true,
      node: sf,
    });
  }
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const everyNameATypeOnly =
        !!clause &&
        !clause.name &&
        !!bindings &&
        ts.isNamedImports(bindings) &&
        bindings.elements.length > 0 &&
        bindings.elements.every((el) => el.isTypeOnly);
      uses.push({
        specifier: node.moduleSpecifier.text,
        kind: clause?.isTypeOnly ? 'import type' : 'import',
        typeOnly: (clause?.isTypeOnly ?? false) || everyNameATypeOnly,
        node,
      });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      uses.push({
        specifier: node.moduleSpecifier.text,
        kind: node.isTypeOnly ? 'export type … from' : 'export … from',
        typeOnly: node.isTypeOnly,
        node,
      });
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference)
    ) {
      const expr = node.moduleReference.expression;
      if (ts.isStringLiteralLike(expr))
        uses.push({ specifier: expr.text, kind: 'import = require()', typeOnly: false, node });
      else computed.push(at(sf, node, 'import = require() of a computed module name'));
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal)) {
        uses.push({ specifier: arg.literal.text, kind: "import('…') type", typeOnly: true, node });
      }
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const first = node.arguments[0];
      const isDynamicImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire =
        (ts.isIdentifier(callee) && callee.text === 'require' && !isShadowed(callee)) ||
        (ts.isPropertyAccessExpression(callee) &&
          ts.isIdentifier(callee.expression) &&
          ((callee.expression.text === 'require' && callee.name.text === 'resolve') ||
            (callee.expression.text === 'module' && callee.name.text === 'require')) &&
          !isShadowed(callee.expression));
      if (isDynamicImport || isRequire) {
        const kind = isDynamicImport ? 'import()' : `${callee.getText(sf)}()`;
        if (first && ts.isStringLiteralLike(first))
          uses.push({ specifier: first.text, kind, typeOnly: false, node });
        else computed.push(at(sf, node, `${kind} of a computed module name`));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { uses, computed };
}

const NODE_BUILTINS = new Set(builtinModules);
export const isNodeBuiltin = (specifier: string): boolean =>
  specifier.startsWith('node:') ||
  NODE_BUILTINS.has(specifier) ||
  NODE_BUILTINS.has(specifier.split('/')[0]);
export const isRelative = (specifier: string): boolean =>
  specifier === '.' ||
  specifier === '..' ||
  specifier.startsWith('./') ||
  specifier.startsWith('../');

const FORBIDDEN_PACKAGES = [
  'ioredis',
  'better-sqlite3',
  'class-validator',
  'class-transformer',
  'rxjs',
  'reflect-metadata',
];
const OTHER_LAYERS = ['@ledger/event-store', '@ledger/projections', '@ledger/application'];

const underPackage = (specifier: string, pkg: string): boolean =>
  specifier === pkg || specifier.startsWith(`${pkg}/`);

/** Why the domain may not import `specifier`; undefined when it may. */
export function domainImportProblem(
  specifier: string,
  fromFile: string,
  domainRoot?: string,
): string | undefined {
  if (isRelative(specifier)) {
    if (!domainRoot) return undefined;
    const target = path.resolve(path.dirname(fromFile), specifier);
    const rel = path.relative(domainRoot, target);
    if (rel.startsWith('..') || path.isAbsolute(rel))
      return 'a relative path that leaves libs/domain/src';
    if (rel.split(path.sep).includes('testing')) return 'test-only code (testing/)';
    return undefined;
  }
  if (specifier.startsWith('@nestjs/')) return 'NestJS';
  if (specifier.startsWith('@eventstore/')) return 'an EventStoreDB client';
  if (isNodeBuiltin(specifier)) return 'a Node built-in';
  if (OTHER_LAYERS.some((layer) => underPackage(specifier, layer))) return 'an outer layer';
  if (specifier === '@ledger/domain' || specifier.startsWith('@ledger/domain/')) {
    return 'the domain through its package alias (use a relative path)';
  }
  if (FORBIDDEN_PACKAGES.some((pkg) => underPackage(specifier, pkg)))
    return 'an infrastructure package';
  return 'an npm package (the domain imports relative paths only)';
}

/** Clock, randomness, the process and timers: what the domain must never reach for. */
export function ambientViolations(sf: ts.SourceFile): Violation[] {
  const out: Violation[] = [];
  const visit = (node: ts.Node): void => {
    const name = globalNamed(node);
    if (name !== undefined) {
      const member = memberOf(node);
      const parent = node.parent;
      switch (name) {
        case 'Date': {
          if (ts.isNewExpression(parent) && parent.expression === node)
            out.push(at(sf, parent, 'new Date (the clock)'));
          else if (ts.isCallExpression(parent) && parent.expression === node)
            out.push(at(sf, parent, 'Date() (the clock)'));
          else if (member === 'now') out.push(at(sf, parent, 'Date.now (the clock)'));
          else if (member === 'UTC')
            break; // arithmetic on given fields, no clock
          else if (
            ts.isBinaryExpression(parent) &&
            parent.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword
          )
            break;
          else
            out.push(
              at(sf, node, `Date${member ? `.${member}` : ''} (the clock or the time zone)`),
            );
          break;
        }
        case 'performance':
          out.push(at(sf, node, `performance${member ? `.${member}` : ''} (the clock)`));
          break;
        case 'Math':
          if (member === 'random' || member === '[computed]')
            out.push(at(sf, parent, `Math.${member} (randomness)`));
          break;
        case 'crypto':
          out.push(at(sf, node, `crypto${member ? `.${member}` : ''} (randomness)`));
          break;
        case 'process':
          out.push(at(sf, node, `process${member ? `.${member}` : ''} (the process environment)`));
          break;
        case 'setTimeout':
        case 'setInterval':
        case 'setImmediate':
          out.push(at(sf, node, `${name} (a timer)`));
          break;
        case 'Temporal':
          if (member === 'Now') out.push(at(sf, parent, 'Temporal.Now (the clock)'));
          break;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Every violation of the domain's purity in one file. */
export function scanDomainSource(fileName: string, text: string, domainRoot?: string): Violation[] {
  const sf = parse(fileName, text);
  const { uses, computed } = moduleUses(sf);
  const imports = uses.flatMap((use) => {
    const problem = domainImportProblem(use.specifier, fileName, domainRoot);
    return problem ? [at(sf, use.node, `${use.kind} '${use.specifier}': ${problem}`)] : [];
  });
  return [...imports, ...computed, ...ambientViolations(sf)].sort(
    (a, b) => a.line - b.line || a.column - b.column,
  );
}

/** Imports of NestJS, or relative paths into `apps/` (which is Nest), from one file. */
export function scanNestFreeSource(fileName: string, text: string, repoRoot?: string): Violation[] {
  const sf = parse(fileName, text);
  const { uses, computed } = moduleUses(sf);
  const out = [...computed];
  for (const use of uses) {
    if (use.specifier.startsWith('@nestjs/'))
      out.push(at(sf, use.node, `${use.kind} '${use.specifier}': NestJS`));
    else if (repoRoot && isRelative(use.specifier)) {
      const rel = path.relative(repoRoot, path.resolve(path.dirname(fileName), use.specifier));
      if (rel.split(path.sep)[0] === 'apps') {
        out.push(at(sf, use.node, `${use.kind} '${use.specifier}': reaches into apps/ (NestJS)`));
      }
    }
  }
  return out;
}

/** Non-test `.ts` files under `root`: no `*.spec.ts`, nothing under `testing/` or `test-support/`. */
export function productionSources(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (
          entry.name === 'testing' ||
          entry.name === 'test-support' ||
          entry.name === 'node_modules'
        )
          continue;
        walk(full);
      } else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        out.push(full);
      }
    }
  };
  walk(root);
  return out.sort();
}
