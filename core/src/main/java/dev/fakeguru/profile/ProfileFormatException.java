package dev.fakeguru.profile;
public class ProfileFormatException extends RuntimeException { public ProfileFormatException(String m) { super(m); } }
