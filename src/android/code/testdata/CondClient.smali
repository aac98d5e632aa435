.class public Lt/CondClient;
.super Lt/MyClient;

.method public onReceivedSslError(Landroid/webkit/WebView;Landroid/webkit/SslErrorHandler;Landroid/net/http/SslError;)V
    .registers 5
    invoke-virtual {p3}, Landroid/net/http/SslError;->getPrimaryError()I
    move-result v0
    if-nez v0, :bad
    invoke-virtual {p2}, Landroid/webkit/SslErrorHandler;->proceed()V
    return-void
    :bad
    invoke-virtual {p2}, Landroid/webkit/SslErrorHandler;->cancel()V
    return-void
.end method
