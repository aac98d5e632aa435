.class public Lt/SubTrust;
.super Lt/TrustAll;
