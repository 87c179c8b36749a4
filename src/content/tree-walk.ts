/**
 * Every node of a Markdown tree, parents before children. This is what
 * unist-util-visit does, without the closure and ancestor list it makes for
 * each node: for the ingest's two walks (normalising text, looking for GFM
 * nodes), which need neither ancestors nor skipping, visiting was ~8 % of the
 * CPU time spent processing the benchmark's files.
 */
import type { Nodes } from 'mdast';

function childrenOf(node: Nodes): readonly Nodes[] | undefined {
  return 'children' in node ? node.children : undefined;
}

/** Calls `visit` on the tree and each of its descendants, in document order. */
export function forEachNode(tree: Nodes, visit: (node: Nodes) => void): void {
  visit(tree);
  const children = childrenOf(tree);
  if (children) for (const child of children) forEachNode(child, visit);
}

/** Whether the tree or any of its descendants passes `test`; stops at the first that does. */
export function someNode(tree: Nodes, test: (node: Nodes) => boolean): boolean {
  if (test(tree)) return true;
  const children = childrenOf(tree);
  return children !== undefined && children.some((child) => someNode(child, test));
}
