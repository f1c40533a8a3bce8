package io.cachesh.emulator.tencentlegacy;

import io.cachesh.model.ApiModel;
import io.cachesh.model.ErrorModel;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An error of Tencent's legacy API v2 ({@code /v2/index.php}: the 2017 Redis API and CMEM), answered as
 * {@code {"code":<common code>,"message":"(<module code>)<text>","codeDesc":"<English hint>"}}.
 *
 * <p>A common error ({@code 4100}, {@code 4500}, ...) carries its own number and, for Redis, a descriptive
 * {@code codeDesc} that is not a business hint. A business error of the Redis API ({@code InstanceNotExists},
 * module number 10701) carries the common code of its kind (see {@link #business}), its hint as {@code codeDesc} and
 * its module number in the message, as in the seed's {@code "(100004)projectId不正确"}.
 */
public final class V2Exception extends RuntimeException {

    /** The seed's Chinese type text of each common code (错误码 page). */
    public static final Map<Integer, String> COMMON = Map.ofEntries(
            Map.entry(4000, "请求参数非法"), Map.entry(4100, "身份认证失败"), Map.entry(4101, "未授权访问接口"),
            Map.entry(4102, "未授权访问资源"), Map.entry(4103, "未授权访问当前接口所操作的资源"), Map.entry(4104, "密钥不存在"),
            Map.entry(4105, "token 错误"), Map.entry(4106, "MFA 校验失败"), Map.entry(4110, "其他 CAM 鉴权失败"),
            Map.entry(4300, "拒绝访问"), Map.entry(4400, "超过配额"), Map.entry(4500, "重放攻击"), Map.entry(4600, "协议不支持"),
            Map.entry(5000, "资源不存在"), Map.entry(5100, "资源操作失败"), Map.entry(5200, "资源购买失败"),
            Map.entry(5300, "余额不足"), Map.entry(5400, "部分执行成功"), Map.entry(5500, "用户资质审核未通过"),
            Map.entry(6000, "服务器内部错误"), Map.entry(6100, "版本暂不支持"), Map.entry(6200, "接口暂时无法访问"));

    private final int code;
    private final String codeDesc;

    private V2Exception(int code, String codeDesc, String message) {
        super(message, null, false, false);
        this.code = code;
        this.codeDesc = codeDesc;
    }

    /** A common error: {@code code} is one of {@link #COMMON}; the message starts with its type text. */
    public static V2Exception common(int code, String codeDesc, String detail) {
        String type = COMMON.getOrDefault(code, "错误");
        return new V2Exception(code, codeDesc, type + (detail == null || detail.isEmpty() ? "" : ": " + detail));
    }

    /** 4000 请求参数非法. */
    public static V2Exception invalid(String detail) {
        return common(4000, "InvalidParameter.Common", detail);
    }

    /**
     * A business error of the model ({@code hint} is its key, e.g. {@code InstanceNotExists}); the module number and
     * the seed's text come from the model's error doc {@code "(10701) 没有找到 serialId 对应的实例 ..."}. The outer
     * code follows the error's kind: invalid-parameter 4000, not-found 5000, auth 4300, insufficient balance 5300,
     * anything else 5100 (资源操作失败).
     */
    public static V2Exception business(ApiModel model, String hint, String detail) {
        ErrorModel e = model.errors().get(hint);
        String module = "";
        String text = hint;
        int outer = 5100;
        if (e != null) {
            Matcher m = Pattern.compile("^\\((\\d+)\\)\\s*([^ ]+)").matcher(e.doc());
            if (m.find()) {
                module = m.group(1);
                text = m.group(2);
            }
            outer = switch (String.valueOf(e.kind())) {
                case "invalid-parameter" -> 4000;
                case "not-found" -> 5000;
                case "auth" -> 4300;
                default -> hint.contains("BalanceNotEnough") ? 5300 : 5100;
            };
        }
        return new V2Exception(outer, hint, (module.isEmpty() ? "" : "(" + module + ")") + text
                + (detail == null || detail.isEmpty() ? "" : ": " + detail));
    }

    /** The numeric common code. */
    public int code() {
        return code;
    }

    /** The English hint (Redis {@code codeDesc}), null for none. */
    public String codeDesc() {
        return codeDesc;
    }
}
