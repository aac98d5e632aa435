.class public Lt/Strict;
.super Ljava/lang/Object;
.implements Lt/MyTrust;

.field private delegate:Ljavax/net/ssl/X509TrustManager;

.method public checkClientTrusted([Ljava/security/cert/X509Certificate;Ljava/lang/String;)V
    .registers 4
    iget-object v0, p0, Lt/Strict;->delegate:Ljavax/net/ssl/X509TrustManager;
    invoke-interface {v0, p1, p2}, Ljavax/net/ssl/X509TrustManager;->checkClientTrusted([Ljava/security/cert/X509Certificate;Ljava/lang/String;)V
    return-void
.end method

.method public checkServerTrusted([Ljava/security/cert/X509Certificate;Ljava/lang/String;)V
    .registers 4
    if-nez p1, :ok
    new-instance v0, Ljava/security/cert/CertificateException;
    invoke-direct {v0}, Ljava/security/cert/CertificateException;-><init>()V
    throw v0
    :ok
    return-void
.end method

.method public getAcceptedIssuers()[Ljava/security/cert/X509Certificate;
    .registers 2
    iget-object v0, p0, Lt/Strict;->delegate:Ljavax/net/ssl/X509TrustManager;
    invoke-interface {v0}, Ljavax/net/ssl/X509TrustManager;->getAcceptedIssuers()[Ljava/security/cert/X509Certificate;
    move-result-object v0
    return-object v0
.end method
