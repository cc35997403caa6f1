// @custom-elements-manifest/analyzer settings for @kundportal/elements. scripts/manifest.mjs runs
// the analyzer from packages/elements, so module paths are relative to that package.

/** Default tags; each has `src/<tag>/<tag>.component.ts` (the class) and `src/<tag>/<tag>.ts`. */
const TAGS = [
  'customer-portal',
  'kb-portal-link',
  'portal-login',
  'support-form',
  'ticket-detail',
  'ticket-list',
];

/** The analyzer's Lit plugin knows `@state()` but not `{ state: true }` in static properties. */
function isStateProperty(ts, property) {
  const options = property.initializer;
  return (
    options &&
    ts.isObjectLiteralExpression(options) &&
    options.properties.some(
      (option) =>
        ts.isPropertyAssignment(option) &&
        option.name.getText() === 'state' &&
        option.initializer.kind === ts.SyntaxKind.TrueKeyword,
    )
  );
}

/**
 * Internal reactive state (`{ state: true }`) is neither an attribute nor public API: drop it
 * from attributes and mark the field private, as `@state()` fields are.
 */
function litStatePlugin() {
  const stateByClass = new Map();
  return {
    name: 'kundportal-lit-state',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      for (const member of node.members) {
        const isStatic = member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
        if (!isStatic || member.name?.getText() !== 'properties') continue;
        if (!member.initializer || !ts.isObjectLiteralExpression(member.initializer)) continue;
        const names = member.initializer.properties
          .filter((property) => ts.isPropertyAssignment(property) && isStateProperty(ts, property))
          .map((property) => property.name.getText());
        stateByClass.set(node.name.getText(), new Set(names));
      }
    },
    moduleLinkPhase({ moduleDoc }) {
      for (const declaration of moduleDoc.declarations ?? []) {
        const state = stateByClass.get(declaration.name);
        if (!state) continue;
        declaration.attributes = declaration.attributes?.filter(
          (attribute) => !state.has(attribute.fieldName),
        );
        for (const member of declaration.members ?? []) {
          if (state.has(member.name) && !member.static) {
            member.privacy = 'private';
            delete member.attribute;
          }
        }
      }
    },
  };
}

/**
 * Events are `Event` subclasses with a static `eventName`. The analyzer sees
 * `dispatchEvent(new PortalXEvent(...))` without knowing the name, and `@event` tags with the
 * name but not the class: join the two into one entry per event, typed with its class.
 */
function portalEventsPlugin() {
  const nameByClass = new Map();
  return {
    name: 'kundportal-events',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      for (const member of node.members) {
        if (
          ts.isPropertyDeclaration(member) &&
          member.name.getText() === 'eventName' &&
          member.initializer &&
          ts.isStringLiteral(member.initializer)
        ) {
          nameByClass.set(node.name.getText(), member.initializer.text);
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement || !declaration.events) continue;
          const byName = new Map();
          for (const event of declaration.events) {
            const className = event.type?.text;
            const name = nameByClass.get(className) ?? event.name;
            const merged = { ...byName.get(name), ...event, name };
            if (nameByClass.has(className)) merged.type = { text: className };
            else if (byName.get(name)?.type) merged.type = byName.get(name).type;
            if (!event.description && byName.get(name)?.description) {
              merged.description = byName.get(name).description;
            }
            byName.set(name, merged);
          }
          for (const [name, event] of byName) {
            const className = [...nameByClass].find(([, eventName]) => eventName === name)?.[0];
            if (!event.type && className) event.type = { text: className };
          }
          declaration.events = [...byName.values()];
        }
      }
    },
  };
}

/**
 * Elements register through `defineElement('tag', Class)` (shared/define-element.ts), which the
 * analyzer does not know as it knows `customElements.define`: record the same definition.
 */
function defineElementCallsPlugin() {
  return {
    name: 'kundportal-define-element',
    analyzePhase({ ts, node, moduleDoc, context }) {
      if (
        !ts.isCallExpression(node) ||
        node.expression.getText() !== 'defineElement' ||
        !ts.isStringLiteral(node.arguments[0]) ||
        !ts.isIdentifier(node.arguments[1])
      ) {
        return;
      }
      const className = node.arguments[1].text;
      const imported = context.imports?.find((item) => item.name === className);
      const module = imported
        ? new URL(imported.importPath, `file:///${moduleDoc.path}`).pathname
        : `/${moduleDoc.path}`;
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        {
          kind: 'custom-element-definition',
          name: node.arguments[0].text,
          declaration: { name: className, module },
        },
      ];
    },
  };
}

export default {
  globs: [
    ...TAGS.flatMap((tag) => [`src/${tag}/${tag}.component.ts`, `src/${tag}/${tag}.ts`]),
    'src/shared/portal-base.ts',
    'src/shared/portal-element.ts',
    'src/shared/error-event.ts',
    'src/shared/events.ts',
    'src/shared/list-state-event.ts',
  ],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [defineElementCallsPlugin(), litStatePlugin(), portalEventsPlugin()],
};
