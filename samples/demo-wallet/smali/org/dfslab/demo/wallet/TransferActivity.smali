# Transfer screen (exported, see W4). Planted: W12 WebView with JavaScript and a JS bridge,
# loading a cleartext page.
.class public Lorg/dfslab/demo/wallet/TransferActivity;
.super Landroid/app/Activity;
.source "TransferActivity.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .registers 6
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    new-instance v0, Landroid/webkit/WebView;
    invoke-direct {v0, p0}, Landroid/webkit/WebView;-><init>(Landroid/content/Context;)V
    invoke-virtual {v0}, Landroid/webkit/WebView;->getSettings()Landroid/webkit/WebSettings;
    move-result-object v1
    const/4 v2, 0x1
    invoke-virtual {v1, v2}, Landroid/webkit/WebSettings;->setJavaScriptEnabled(Z)V
    new-instance v1, Lorg/dfslab/demo/wallet/ApiClient;
    invoke-direct {v1}, Lorg/dfslab/demo/wallet/ApiClient;-><init>()V
    const-string v2, "wallet"
    invoke-virtual {v0, v1, v2}, Landroid/webkit/WebView;->addJavascriptInterface(Ljava/lang/Object;Ljava/lang/String;)V
    invoke-virtual {p0}, Lorg/dfslab/demo/wallet/TransferActivity;->getIntent()Landroid/content/Intent;
    move-result-object v1
    const-string v2, "receipt_url"
    invoke-virtual {v1, v2}, Landroid/content/Intent;->getStringExtra(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v1
    if-nez v1, :load
    const-string v1, "http://demo-wallet.example/transfer.html"
    :load
    invoke-virtual {v0, v1}, Landroid/webkit/WebView;->loadUrl(Ljava/lang/String;)V
    invoke-virtual {p0, v0}, Lorg/dfslab/demo/wallet/TransferActivity;->setContentView(Landroid/view/View;)V
    return-void
.end method
