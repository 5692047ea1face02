package dev.fakeguru.profile;
public enum ProfileFormat { JSON, ION_TEXT, ION_BINARY;
  public String contentType() { return this == JSON ? "application/json" : "application/x-amzn-ion"; } }
