# W9: an X509TrustManager whose checks return without throwing: every certificate is trusted.
.class public Lorg/dfslab/demo/wallet/ApiClient$TrustAllManager;
.super Ljava/lang/Object;
.source "ApiClient.java"

.implements Ljavax/net/ssl/X509TrustManager;

.annotation system Ldalvik/annotation/EnclosingClass;
    value = Lorg/dfslab/demo/wallet/ApiClient;
.end annotation

.annotation system Ldalvik/annotation/InnerClass;
    accessFlags = 0x9
    name = "TrustAllManager"
.end annotation

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public checkClientTrusted([Ljava/security/cert/X509Certificate;Ljava/lang/String;)V
    .registers 3
    return-void
.end method

.method public checkServerTrusted([Ljava/security/cert/X509Certificate;Ljava/lang/String;)V
    .registers 3
    return-void
.end method

.method public getAcceptedIssuers()[Ljava/security/cert/X509Certificate;
    .registers 2
    const/4 v0, 0x0
    new-array v0, v0, [Ljava/security/cert/X509Certificate;
    return-object v0
.end method
