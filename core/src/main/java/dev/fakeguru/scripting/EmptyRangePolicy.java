package dev.fakeguru.scripting;

import org.apiguardian.api.API;

/**
 * What GetProfile answers when the requested range holds no aggregated data. The real service does
 * not document it, so tests should not depend on either choice; the fake lets you pick.
 *
 * <pre>{@code
 * FakeCodeGuruProfiler.builder().emptyRangePolicy(EmptyRangePolicy.EMPTY_PROFILE).start();
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum EmptyRangePolicy {
  /** 404 {@code ResourceNotFoundException} naming the group and range. The default. */
  NOT_FOUND,
  /** 200 with a profile that spans the requested range and has an empty call graph. */
  EMPTY_PROFILE
}
