package dev.fakeguru.fuzz;

import java.util.Arrays;

/**
 * A fuzz input read as a choice and a payload: the first byte picks one of a set of letters (a
 * letter picks itself, so corpus files stay readable; any other byte picks by its value), the rest
 * is the payload. The empty input picks the first letter with an empty payload.
 */
record FuzzInput(char letter, byte[] rest) {

  static FuzzInput of(byte[] input, String letters) {
    if (input.length == 0) {
      return new FuzzInput(letters.charAt(0), input);
    }
    int i = letters.indexOf(input[0]);
    char letter = letters.charAt(i >= 0 ? i : (input[0] & 0xFF) % letters.length());
    return new FuzzInput(letter, Arrays.copyOfRange(input, 1, input.length));
  }
}
