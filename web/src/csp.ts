/**
 * Web Chat 4.18 gives its Content-Security-Policy nonce to its own style elements but not to those of
 * react-scroll-to-bottom (its transcript's scrolling panel), which the page's policy then blocks, and the transcript
 * stops scrolling. This gives that library's style elements the page's nonce as they are added, and nothing else:
 * only empty `<style>` elements without a nonce whose `data-emotion` key is react-scroll-to-bottom's.
 */
export function nonceForScrollStyles(nonce: string | undefined): void {
  if (!nonce) return;
  const mark = (node: Node) => {
    if (
      node instanceof HTMLStyleElement &&
      !node.nonce &&
      !node.textContent &&
      node.dataset.emotion?.startsWith('react-scroll-to-bottom--css-')
    ) {
      node.nonce = nonce;
    }
  };
  type Insert = (this: Node, node: Node, child: Node | null) => Node;
  type Append = (this: Node, node: Node) => Node;
  const insertBefore = Object.getOwnPropertyDescriptor(Node.prototype, 'insertBefore')?.value as Insert;
  const appendChild = Object.getOwnPropertyDescriptor(Node.prototype, 'appendChild')?.value as Append;
  Node.prototype.insertBefore = function <T extends Node>(this: Node, node: T, child: Node | null): T {
    mark(node);
    return insertBefore.call(this, node, child) as T;
  };
  Node.prototype.appendChild = function <T extends Node>(this: Node, node: T): T {
    mark(node);
    return appendChild.call(this, node) as T;
  };
}
