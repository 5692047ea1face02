package dev.fakeguru.profile;
import com.fasterxml.jackson.databind.*;
import com.fasterxml.jackson.databind.node.*;
import java.time.Instant;
import java.util.*;
public final class ProfileCodec {
  static final ObjectMapper M = new ObjectMapper();
  public static ProfileCodec withLimits(CodecLimits l) { return new ProfileCodec(); }
  public static ProfileCodec defaults() { return new ProfileCodec(); }
  public Profile decode(byte[] body, ProfileFormat f) { return decode(body, f.contentType(), null); }
  public Profile decode(byte[] body, String ct, String ce) {
    try { JsonNode n = M.readTree(body);
      Profile.Builder b = Profile.builder().start(Instant.ofEpochMilli(n.get("start").asLong())).end(Instant.ofEpochMilli(n.get("end").asLong()));
      CallTreeNode.Builder root = b.root(); add(root, n.get("callgraph")); return b.build();
    } catch (Exception e) { throw new ProfileFormatException(String.valueOf(e)); } }
  private void add(CallTreeNode.Builder b, JsonNode n) {
    if (n.has("counts")) n.get("counts").fields().forEachRemaining(e -> b.addSelfCount(e.getKey(), e.getValue().asLong()));
    if (n.has("children")) n.get("children").fields().forEachRemaining(e -> add(b.child(e.getKey()), e.getValue())); }
  public byte[] encode(Profile p, ProfileFormat f) {
    ObjectNode o = M.createObjectNode(); o.put("start", p.start().toEpochMilli()); o.put("end", p.end().toEpochMilli());
    o.set("callgraph", enc(p.callTree())); try { return M.writeValueAsBytes(o); } catch (Exception e) { throw new RuntimeException(e); } }
  private ObjectNode enc(CallTreeNode n) { ObjectNode o = M.createObjectNode();
    if (!n.selfCounts().isEmpty()) { ObjectNode c = o.putObject("counts"); n.selfCounts().forEach(c::put); }
    if (!n.isLeaf()) { ObjectNode ch = o.putObject("children"); n.children().forEach(k -> ch.set(k.frame(), enc(k))); } return o; }
}
