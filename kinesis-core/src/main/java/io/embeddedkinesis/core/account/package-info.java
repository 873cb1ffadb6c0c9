/**
 * The account's settings ({@code DescribeAccountSettings}, {@code UpdateAccountSettings}): its minimum
 * throughput billing commitment, kept in the broker directory, and the account-level rules of warm throughput
 * that depend on it.
 */
package io.embeddedkinesis.core.account;
