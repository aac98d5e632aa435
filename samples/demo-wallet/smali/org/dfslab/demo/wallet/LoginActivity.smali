# Launcher: a PIN screen. Planted: W10 logs the PIN, W11 MODE_WORLD_READABLE preferences.
.class public Lorg/dfslab/demo/wallet/LoginActivity;
.super Landroid/app/Activity;
.source "LoginActivity.java"

.field private pinField:Landroid/widget/EditText;

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .registers 4
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    new-instance v0, Landroid/widget/EditText;
    invoke-direct {v0, p0}, Landroid/widget/EditText;-><init>(Landroid/content/Context;)V
    # TYPE_CLASS_NUMBER | TYPE_NUMBER_VARIATION_PASSWORD
    const/16 v1, 0x12
    invoke-virtual {v0, v1}, Landroid/widget/EditText;->setInputType(I)V
    iput-object v0, p0, Lorg/dfslab/demo/wallet/LoginActivity;->pinField:Landroid/widget/EditText;
    invoke-virtual {p0, v0}, Lorg/dfslab/demo/wallet/LoginActivity;->setContentView(Landroid/view/View;)V
    return-void
.end method

.method public checkPin(Ljava/lang/String;)Z
    .registers 7
    # W10: the PIN goes to logcat.
    const-string v0, "DemoWallet"
    new-instance v1, Ljava/lang/StringBuilder;
    invoke-direct {v1}, Ljava/lang/StringBuilder;-><init>()V
    const-string v2, "login attempt, pin="
    invoke-virtual {v1, v2}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    invoke-virtual {v1, p1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    invoke-virtual {v1}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v1
    invoke-static {v0, v1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I

    # W11: preferences created MODE_WORLD_READABLE (1), holding the encrypted PIN.
    const-string v0, "wallet_prefs"
    const/4 v1, 0x1
    invoke-virtual {p0, v0, v1}, Lorg/dfslab/demo/wallet/LoginActivity;->getSharedPreferences(Ljava/lang/String;I)Landroid/content/SharedPreferences;
    move-result-object v0
    invoke-interface {v0}, Landroid/content/SharedPreferences;->edit()Landroid/content/SharedPreferences$Editor;
    move-result-object v1
    const-string v2, "pin"
    invoke-static {p1}, Lorg/dfslab/demo/wallet/CryptoUtil;->encrypt(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v3
    invoke-interface {v1, v2, v3}, Landroid/content/SharedPreferences$Editor;->putString(Ljava/lang/String;Ljava/lang/String;)Landroid/content/SharedPreferences$Editor;
    move-result-object v1
    invoke-interface {v1}, Landroid/content/SharedPreferences$Editor;->apply()V

    invoke-virtual {p1}, Ljava/lang/String;->length()I
    move-result v0
    const/4 v1, 0x4
    if-ne v0, v1, :bad
    const/4 v0, 0x1
    return v0
    :bad
    const/4 v0, 0x0
    return v0
.end method
