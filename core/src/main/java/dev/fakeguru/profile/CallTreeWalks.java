package dev.fakeguru.profile;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/** Walks over call trees without recursion: depth-first iteration and deep comparison. */
final class CallTreeWalks {
  private CallTreeWalks() {}

  /** Whether two trees have the same frames, counts, files, lines and children, at every node. */
  static boolean sameTree(CallTreeNode first, CallTreeNode second) {
    Deque<CallTreeNode[]> stack = new ArrayDeque<>();
    stack.push(new CallTreeNode[] {first, second});
    while (!stack.isEmpty()) {
      CallTreeNode[] pair = stack.pop();
      CallTreeNode a = pair[0];
      CallTreeNode b = pair[1];
      if (a == b) {
        continue;
      }
      if (!a.frame().equals(b.frame())
          || !a.selfCounts().equals(b.selfCounts())
          || !Objects.equals(a.file(), b.file())
          || !Objects.equals(a.lines(), b.lines())
          || a.childCount() != b.childCount()) {
        return false;
      }
      for (CallTreeNode ac : a.childNodes()) {
        Optional<CallTreeNode> bc = b.child(ac.frame());
        if (bc.isEmpty()) {
          return false;
        }
        stack.push(new CallTreeNode[] {ac, bc.get()});
      }
    }
    return true;
  }

  /** The descendants of a node, depth first, each with the path that leads to it. */
  static final class WalkIterator implements Iterator<LocatedNode> {
    private final Deque<Iterator<CallTreeNode>> iterators = new ArrayDeque<>();
    private final Deque<LocatedNode> parents = new ArrayDeque<>();
    private LocatedNode next;

    WalkIterator(CallTreeNode start) {
      iterators.push(start.childNodes().iterator());
      advance();
    }

    private void advance() {
      next = null;
      while (!iterators.isEmpty()) {
        Iterator<CallTreeNode> it = iterators.peek();
        if (!it.hasNext()) {
          iterators.pop();
          if (!parents.isEmpty()) {
            parents.pop();
          }
          continue;
        }
        CallTreeNode child = it.next();
        LocatedNode located = new LocatedNode(parents.peek(), child);
        if (!child.isLeaf()) {
          iterators.push(child.childNodes().iterator());
          parents.push(located);
        }
        next = located;
        return;
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public LocatedNode next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      LocatedNode result = next;
      advance();
      return result;
    }
  }
}
