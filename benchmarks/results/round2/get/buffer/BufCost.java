import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/** The cost of collecting N bytes written in 8,000-byte chunks (as Jackson flushes) into one array. */
public class BufCost {
  static byte[] chunk = new byte[8000];

  static int viaBaos(int n) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    for (int w = 0; w < n; w += chunk.length) out.write(chunk, 0, Math.min(chunk.length, n - w));
    return out.toByteArray().length;
  }

  static int viaBuilder(int n) throws Exception {
    ByteArrayBuilder out = new ByteArrayBuilder();
    for (int w = 0; w < n; w += chunk.length) out.write(chunk, 0, Math.min(chunk.length, n - w));
    return out.toByteArray().length;
  }

  public static void main(String[] a) throws Exception {
    int[] sizes = {271_486, 2_729_241};
    for (int round = 0; round < 6; round++) {
      for (int n : sizes) {
        for (int k = 0; k < 2; k++) {
          int reps = n > 1_000_000 ? 200 : 2000;
          long t0 = System.nanoTime(); long s = 0;
          for (int i = 0; i < reps; i++) s += (k == 0 ? viaBaos(n) : viaBuilder(n));
          double ms = (System.nanoTime() - t0) / 1e6 / reps;
          if (round >= 3) System.out.printf("round %d  %,10d bytes  %-22s %.3f ms%n", round, n, k == 0 ? "ByteArrayOutputStream" : "ByteArrayBuilder", ms);
        }
      }
    }
  }
}
