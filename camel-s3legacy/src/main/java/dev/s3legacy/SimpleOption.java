package dev.s3legacy;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.support.LanguageSupport;

/**
 * An option whose value may be a simple expression, as camel-file's fileName: a value holding {@code ${} (or
 * {@code $simple{}) is evaluated per exchange, any other value is literal. Compiled once, when the endpoint
 * starts.
 */
final class SimpleOption {

    private final String name;
    private final String text;
    private final Expression expression;

    private SimpleOption(String name, String text, Expression expression) {
        this.name = name;
        this.text = text;
        this.expression = expression;
    }

    /** The option's value compiled; null when unset. A syntax error fails here, naming the option. */
    static SimpleOption of(CamelContext context, String name, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (!isExpression(text)) {
            return new SimpleOption(name, text, null);
        }
        try {
            Expression e = context.resolveLanguage("simple").createExpression(text);
            e.init(context);
            return new SimpleOption(name, text, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Option " + name + " is not a valid simple expression: " + e.getMessage(), e);
        }
    }

    static boolean isExpression(String text) {
        return text != null && LanguageSupport.hasSimpleFunction(text);
    }

    /**
     * The part of a value before its first expression: all of a literal value. What an expression makes of
     * the rest is known only per exchange, so checks made at start can rely on this part only.
     */
    static String literalPrefix(String text) {
        if (text == null) {
            return "";
        }
        int dollar = text.indexOf("${");
        int simple = text.indexOf("$simple{");
        int first = dollar < 0 ? simple : simple < 0 ? dollar : Math.min(dollar, simple);
        return first < 0 ? text : text.substring(0, first);
    }

    /** The value for this exchange. */
    String evaluate(Exchange exchange) {
        if (expression == null) {
            return text;
        }
        String value = expression.evaluate(exchange, String.class);
        if (exchange.getException() != null) {
            Exception e = exchange.getException();
            exchange.setException(null);
            throw new IllegalArgumentException("Option " + name + " '" + text + "' could not be evaluated: " + e.getMessage(), e);
        }
        return value;
    }
}
