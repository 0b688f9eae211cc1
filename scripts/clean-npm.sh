#!/usr/bin/env bash
# npm as a fresh shell would run it, even from inside an npm script:
#   bash scripts/clean-npm.sh <npm arguments>      or, sourced:   clean_npm <npm arguments>
#
# `npm run` exports the outer npm's configuration as npm_config_* (its user agent "npm/… node/v20…",
# nodedir, prefix, loglevel…) and puts node_modules/.bin on PATH. An inner npm reads those variables back
# as its own configuration. code-server's postinstall takes the Node version from npm_config_user_agent,
# so under `npm test` it saw Node 20 while running on Node 24, and refused to install.
# Here npm runs with all of that removed and reads the user's npmrc files afresh. Only the settings that
# say how to reach the registry, and where its cache is, are kept from the environment.
clean_npm() {
  (
    for var in $(compgen -e); do
      case "$var" in
        npm_config_registry | npm_config_cafile | npm_config_ca | npm_config_proxy | npm_config_https_proxy | \
          npm_config_noproxy | npm_config_strict_ssl | npm_config_cache | npm_config_offline | \
          npm_config_prefer_offline | npm_config_userconfig | npm_config_globalconfig) ;;
        npm_* | NPM_* | INIT_CWD | NODE) unset "$var" ;;
      esac
    done
    local dir clean_path="" dirs
    IFS=: read -r -a dirs <<<"$PATH"
    for dir in "${dirs[@]}"; do
      case "$dir" in
        */node_modules/.bin | */node-gyp-bin) ;;
        *) clean_path="${clean_path:+$clean_path:}$dir" ;;
      esac
    done
    PATH="$clean_path" exec npm "$@"
  )
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then clean_npm "$@"; fi
