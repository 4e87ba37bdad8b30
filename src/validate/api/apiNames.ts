import type ts from 'typescript';
import { typescript } from './typescript.js';

/**
 * Every member, class, namespace and function name declared in the Phaser declarations.
 * A property missing from a Phaser type but present here somewhere is loose typing (a group
 * child typed `GameObject`), not a hallucination; a name absent from this set exists nowhere.
 */
export function collectApiNames(files: ts.SourceFile[]): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    const name = (node as { name?: ts.Node }).name;
    if (name && (typescript.isIdentifier(name) || typescript.isStringLiteral(name) || typescript.isPrivateIdentifier(name))) names.add(name.text);
    typescript.forEachChild(node, visit);
  };
  for (const file of files) visit(file);
  return names;
}
