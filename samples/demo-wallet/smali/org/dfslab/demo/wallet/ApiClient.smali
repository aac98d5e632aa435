# Talks to the wallet API. Planted: W7 cleartext http:// base URL (next to an https:// one),
# W8 hard-coded (fake) API key, W9 trust-all TLS (see ApiClient$TrustAllManager),
# and getBalance() exposed to JavaScript through the WebView bridge (W12).
.class public Lorg/dfslab/demo/wallet/ApiClient;
.super Ljava/lang/Object;
.source "ApiClient.java"

.field public static final BASE_URL:Ljava/lang/String; = "http://api.demo-wallet.example/v1/"
.field public static final SECURE_URL:Ljava/lang/String; = "https://api.demo-wallet.example/v1/"
# Fake, documented in README.md: not a key for any real service.
.field public static final API_KEY:Ljava/lang/String; = "sk_live_DFSLAB_DEMO_NOT_A_REAL_KEY_4f7Qx9Lm2Vb8Rt6K"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public getBalance()Ljava/lang/String;
    .registers 5
    .annotation runtime Landroid/webkit/JavascriptInterface;
    .end annotation
    :try_start
    new-instance v0, Ljava/net/URL;
    const-string v1, "http://api.demo-wallet.example/v1/balance"
    invoke-direct {v0, v1}, Ljava/net/URL;-><init>(Ljava/lang/String;)V
    invoke-virtual {v0}, Ljava/net/URL;->openConnection()Ljava/net/URLConnection;
    move-result-object v0
    check-cast v0, Ljava/net/HttpURLConnection;
    const-string v1, "Authorization"
    const-string v2, "Bearer sk_live_DFSLAB_DEMO_NOT_A_REAL_KEY_4f7Qx9Lm2Vb8Rt6K"
    invoke-virtual {v0, v1, v2}, Ljava/net/HttpURLConnection;->setRequestProperty(Ljava/lang/String;Ljava/lang/String;)V
    invoke-virtual {v0}, Ljava/net/HttpURLConnection;->getResponseMessage()Ljava/lang/String;
    move-result-object v0
    :try_end
    .catch Ljava/io/IOException; {:try_start .. :try_end} :failed
    return-object v0
    :failed
    const-string v0, "unavailable"
    return-object v0
.end method

# W9: installs a TrustManager that accepts any certificate, for every HttpsURLConnection.
.method public static trustEveryone()V
    .registers 5
    :try_start
    const-string v0, "TLS"
    invoke-static {v0}, Ljavax/net/ssl/SSLContext;->getInstance(Ljava/lang/String;)Ljavax/net/ssl/SSLContext;
    move-result-object v0
    const/4 v1, 0x1
    new-array v1, v1, [Ljavax/net/ssl/TrustManager;
    new-instance v2, Lorg/dfslab/demo/wallet/ApiClient$TrustAllManager;
    invoke-direct {v2}, Lorg/dfslab/demo/wallet/ApiClient$TrustAllManager;-><init>()V
    const/4 v3, 0x0
    aput-object v2, v1, v3
    const/4 v2, 0x0
    invoke-virtual {v0, v2, v1, v2}, Ljavax/net/ssl/SSLContext;->init([Ljavax/net/ssl/KeyManager;[Ljavax/net/ssl/TrustManager;Ljava/security/SecureRandom;)V
    invoke-virtual {v0}, Ljavax/net/ssl/SSLContext;->getSocketFactory()Ljavax/net/ssl/SSLSocketFactory;
    move-result-object v0
    invoke-static {v0}, Ljavax/net/ssl/HttpsURLConnection;->setDefaultSSLSocketFactory(Ljavax/net/ssl/SSLSocketFactory;)V
    :try_end
    .catch Ljava/security/GeneralSecurityException; {:try_start .. :try_end} :failed
    return-void
    :failed
    return-void
.end method
