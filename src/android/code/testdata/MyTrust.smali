.class public interface abstract Lt/MyTrust;
.super Ljava/lang/Object;
.implements Ljavax/net/ssl/X509TrustManager;
