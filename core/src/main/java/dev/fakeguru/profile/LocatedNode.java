package dev.fakeguru.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A call-tree node together with the path of frame names that leads to it.
 *
 * <p>Nodes are shared between trees and do not know their parents, so lookups and walks return this
 * pair. The path excludes the name of the node the walk started from (for a profile, the synthetic
 * root) and includes the node's own frame: for a top-level frame {@code main} the path is {@code
 * [main]} and the {@link #depth() depth} is 1. Paths are materialised lazily, so walking a very
 * deep tree stays linear.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * for (LocatedNode n : profile.callTree().walk()) {
 *   System.out.println(n.pathString() + " " + n.node().selfCount(CounterTypes.WALL_TIME));
 * }
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class LocatedNode {
  private final LocatedNode parent;
  private final CallTreeNode node;
  private final int depth;
  private volatile List<String> path;

  LocatedNode(LocatedNode parent, CallTreeNode node) {
    this.parent = parent;
    this.node = Objects.requireNonNull(node, "node");
    this.depth = parent == null ? 1 : parent.depth + 1;
  }

  /** The node itself. */
  public CallTreeNode node() {
    return node;
  }

  /** The frame name of the node (the last element of the path). */
  public String frame() {
    return node.frame();
  }

  /** The number of frames on the path: 1 for a top-level frame. */
  public int depth() {
    return depth;
  }

  /** The frame names from the first frame below the starting node down to this node. */
  public List<String> path() {
    List<String> p = path;
    if (p == null) {
      String[] names = new String[depth];
      LocatedNode at = this;
      for (int i = depth - 1; i >= 0; i--) {
        names[i] = at.node.frame();
        at = at.parent;
      }
      p = Collections.unmodifiableList(new ArrayList<>(List.of(names)));
      path = p;
    }
    return p;
  }

  /** The node one step up the path, or {@code null} for a top-level frame. */
  public LocatedNode parent() {
    return parent;
  }

  /** The path joined with {@code " > "}, e.g. {@code main > handle > query}. */
  public String pathString() {
    return String.join(" > ", path());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LocatedNode other && other.path().equals(path()) && other.node.equals(node);
  }

  @Override
  public int hashCode() {
    return path().hashCode() * 31 + node.hashCode();
  }

  @Override
  public String toString() {
    return pathString() + " " + node.countsSummary();
  }
}
