package dev.fakeguru.assertj;

import dev.fakeguru.assertj.internal.MessageText;
import dev.fakeguru.assertj.internal.TreeRenderer;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.Profile;
import org.apiguardian.api.API;
import org.assertj.core.presentation.StandardRepresentation;

/**
 * An opt-in AssertJ representation that shows profiles and call-tree nodes as rendered trees (at
 * most {@value TreeRenderer#DEFAULT_MAX_DEPTH} levels and {@value
 * TreeRenderer#DEFAULT_MAX_CHILDREN} children per node) instead of their one-line {@code
 * toString()}. Everything else is shown as by AssertJ's {@link StandardRepresentation}.
 *
 * <p>FakeGuru does not register it automatically, because a representation registered by a library
 * changes the output of every assertion in a user's build. Opt in per assertion or globally:
 *
 * <pre>{@code
 * assertThat(profiles).withRepresentation(new ProfileRepresentation()).containsExactly(expected);
 * Assertions.useRepresentation(new ProfileRepresentation());
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class ProfileRepresentation extends StandardRepresentation {

  /** The priority reported to AssertJ when several representations are registered. */
  public static final int PRIORITY = 10;

  /** Creates the representation. */
  public ProfileRepresentation() {}

  @Override
  public String toStringOf(Object object) {
    if (object instanceof Profile profile) {
      CallTreeNode root = profile.callTree();
      String type = MessageText.displayCounterType(root);
      return profile
          + "\n"
          + TreeRenderer.forCounter(type, root.totalCount(type)).render(root, "profile");
    }
    if (object instanceof CallTreeNode node) {
      String type = MessageText.displayCounterType(node);
      return TreeRenderer.forCounter(type, node.totalCount(type)).render(node, node.frame());
    }
    return super.toStringOf(object);
  }

  @Override
  public int getPriority() {
    return PRIORITY;
  }
}
