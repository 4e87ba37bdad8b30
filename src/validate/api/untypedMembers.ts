// A member read on an untyped (`any`) receiver that exists nowhere: not in the Phaser
// declarations, not in the JS/DOM built-ins, not declared anywhere in the game itself. The type
// checker says nothing about such a read (the receiver is `any`), yet it is a hallucinated API as
// surely as one on a typed receiver (`this.path.getPointAtT(t)`: no `getPointAtT` anywhere).
import type ts from 'typescript';
import { typescript } from './typescript.js';
import { issue } from '../issues.js';
import type { Issue } from '../../schemas/index.js';

/** Names the game itself gives to something (so reading them anywhere is its own API). */
function ownNames(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (typescript.isStringLiteralLike(node)) names.add(node.text);
    const name = (node as { name?: ts.Node }).name;
    if (name && !typescript.isPropertyAccessExpression(node) && (typescript.isIdentifier(name) || typescript.isStringLiteral(name) || typescript.isPrivateIdentifier(name))) names.add(name.text);
    if (typescript.isBinaryExpression(node) && node.operatorToken.kind >= typescript.SyntaxKind.FirstAssignment && node.operatorToken.kind <= typescript.SyntaxKind.LastAssignment && typescript.isPropertyAccessExpression(node.left)) names.add(node.left.name.text);
    // increment and delete targets touch the member too
    const target = typescript.isPrefixUnaryExpression(node) || typescript.isPostfixUnaryExpression(node) ? node.operand : typescript.isDeleteExpression(node) ? node.expression : undefined;
    if (target && typescript.isPropertyAccessExpression(target)) names.add(target.name.text);
    if (typescript.isIdentifier(node) && !(node.parent && typescript.isPropertyAccessExpression(node.parent) && node.parent.name === node)) names.add(node.text);
    typescript.forEachChild(node, visit);
  };
  visit(file);
  return names;
}

/**
 * `unknown_member_anywhere` errors: `x.name` where `x` is `any` and `name` is in none of
 * `known` (Phaser and built-in member names) nor the game's own names.
 */
export function untypedMemberIssues(file: ts.SourceFile, checker: ts.TypeChecker, known: (name: string) => boolean): Issue[] {
  const own = ownNames(file);
  const found: Issue[] = [];
  const visit = (node: ts.Node): void => {
    if (typescript.isPropertyAccessExpression(node) && typescript.isIdentifier(node.name)) {
      const name = node.name.text;
      if (!known(name) && !own.has(name)) {
        const receiver = checker.getTypeAtLocation(node.expression);
        if (receiver.flags & typescript.TypeFlags.Any) {
          const { line, character } = file.getLineAndCharacterOfPosition(node.name.getStart(file));
          found.push(issue('unknown_member_anywhere', `'${name}' exists nowhere: not in the Phaser API, the JavaScript/DOM built-ins or this game's own code (read on an untyped receiver)`, 'error', { line: line + 1, column: character + 1 }));
        }
      }
    }
    typescript.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
