.class public Lt/Web;
.super Ljava/lang/Object;

.method public enable(Landroid/webkit/WebSettings;)V
    .registers 3
    const/4 v0, 1
    invoke-virtual {p1, v0}, Landroid/webkit/WebSettings;->setJavaScriptEnabled(Z)V
    return-void
.end method

.method public disable(Landroid/webkit/WebSettings;)V
    .registers 3
    const/4 v0, 0
    invoke-virtual {p1, v0}, Landroid/webkit/WebSettings;->setJavaScriptEnabled(Z)V
    return-void
.end method

.method public fromParam(Landroid/webkit/WebSettings;Z)V
    .registers 3
    invoke-virtual {p1, p2}, Landroid/webkit/WebSettings;->setJavaScriptEnabled(Z)V
    return-void
.end method
