// Stand-in (compile only) for jenkinsci/aws-credentials-plugin
// src/main/java/com/cloudbees/jenkins/plugins/awscredentials/AmazonWebServicesCredentials.java @ 262.v0efb_28f71f94.
// Signatures copied exactly; members we do not use are left out but the abstract ones are declared (we call only
// the inherited AWS SDK v2 AwsCredentialsProvider.resolveCredentials()). The AWS SDK v1 supertype
// com.amazonaws.auth.AWSCredentialsProvider and its getCredentials(String) are left out: com.amazonaws:aws-java-sdk-core is not in this workplace's offline Maven repository, and nothing of ours
// uses the v1 API (upstream deprecates it). The release build compiles against the real interface.
package com.cloudbees.jenkins.plugins.awscredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

// stubcheck: omits AWSCredentialsProvider
public interface AmazonWebServicesCredentials extends StandardCredentials, AwsCredentialsProvider {
    String getDisplayName();

    AwsCredentials resolveCredentials(String mfaToken);
}
