.class public Lt/AllowAll;
.super Ljava/lang/Object;
.implements Ljavax/net/ssl/HostnameVerifier;

.method public verify(Ljava/lang/String;Ljavax/net/ssl/SSLSession;)Z
    .registers 4
    const/4 v0, 1
    return v0
.end method

.method public branchy(Ljava/lang/String;Ljavax/net/ssl/SSLSession;)Z
    .registers 4
    if-eqz p1, :b
    const/4 v0, 1
    return v0
    :b
    const/4 v1, 1
    return v1
.end method

.method public checks(Ljava/lang/String;Ljavax/net/ssl/SSLSession;)Z
    .registers 4
    const-string v0, "example.com"
    invoke-virtual {v0, p1}, Ljava/lang/String;->equals(Ljava/lang/Object;)Z
    move-result v0
    return v0
.end method
